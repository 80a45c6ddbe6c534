// A horizontal bar chart drawn as SVG on the server (no chart library): each bar's label above it and
// its figure beside it. Screen readers get the chart's name and a short summary, and everyone can open
// the same numbers as a table. The drawing is 360 units wide, so on a phone it is drawn at about its
// natural size and on a wide screen it stops growing.
import { useT } from "~/utils/i18n";

export interface Bar {
  label: string;
  /** The values drawn, stacked left to right (a legend names them when there are several). */
  values: number[];
  /** The data table's cells, one per series, as the reader sees them (¥1,234.50, 4.3…). */
  cells: string[];
  /** What is written beside the bar: the total, formatted. */
  summary: string;
}

const WIDTH = 360;
const ROW = 46;
const VALUE_ROOM = 120; // room right of the longest bar for its figure
const COLOURS = ["#0550ae", "#bf8700", "#1a7f37"];
const MAX_LABEL = 24;

const shortLabel = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

export function BarChart(props: { id: string; caption: string; labelHeader: string; series: string[]; bars: Bar[] }) {
  const t = useT();
  const { id, caption, labelHeader, series, bars } = props;
  const totals = bars.map((b) => b.values.reduce((sum, v) => sum + v, 0));
  const max = Math.max(0, ...totals);
  const scale = max > 0 ? (WIDTH - VALUE_ROOM) / max : 0;
  const height = bars.length * ROW + 4;
  const summary = bars.map((b) => `${b.label} ${b.summary}`).join("；");
  return (
    <figure aria-labelledby={`${id}-caption`} style={{ margin: "16px 0" }}>
      <figcaption id={`${id}-caption`} style={{ fontWeight: 600 }}>
        {caption}
      </figcaption>
      {max === 0 ? (
        <p className="muted">{t("dashboards.noData")}</p>
      ) : (
        <>
          {(bars[0]?.values.length ?? 0) > 1 ? (
            <ul className="row" style={{ listStyle: "none", padding: 0, margin: "4px 0" }} aria-hidden="true">
              {series.map((s, i) => (
                <li key={s} className="row" style={{ gap: 4 }}>
                  <span style={{ display: "inline-block", width: 12, height: 12, background: COLOURS[i % COLOURS.length] }} />
                  {s}
                </li>
              ))}
            </ul>
          ) : null}
          <svg role="img" aria-label={t("dashboards.chartLabel", { caption, summary })} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: 640, display: "block" }}>
            {bars.map((b, row) => {
              const y = row * ROW;
              let x = 0;
              return (
                <g key={`${b.label}-${row}`}>
                  <text x={0} y={y + 16} fontSize={14} fill="#1f2328">
                    {shortLabel(b.label)}
                  </text>
                  {b.values.map((v, i) => {
                    const w = v * scale;
                    const rect = <rect key={i} x={x} y={y + 22} width={w} height={16} fill={COLOURS[i % COLOURS.length]} />;
                    x += w;
                    return rect;
                  })}
                  <text x={x + 6} y={y + 35} fontSize={14} fill="#1f2328">
                    {b.summary}
                  </text>
                </g>
              );
            })}
          </svg>
          <details>
            <summary>{t("dashboards.dataTable")}</summary>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{labelHeader}</th>
                    {series.map((s) => (
                      <th key={s} scope="col">
                        {s}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {bars.map((b, row) => (
                    <tr key={`${b.label}-${row}`}>
                      <th scope="row">{b.label}</th>
                      {b.cells.map((c, i) => (
                        <td key={i}>{c}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
