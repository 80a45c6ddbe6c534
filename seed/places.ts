// The regions of docs/demo-stories.md. Where a scenario does not name the street of a
// community, it sits under a street called "演示街道" (a stand-in, to be corrected by an admin).
import type { PlaceLevel } from "../db/schema";

export interface PlaceSeed {
  name: string;
  level: PlaceLevel;
  children?: PlaceSeed[];
}

const grid = (name: string, buildings: string[]): PlaceSeed => ({
  name,
  level: "grid",
  children: buildings.map((b) => ({ name: b, level: "building" })),
});

export const PLACES: PlaceSeed[] = [
  {
    name: "重庆市",
    level: "city",
    children: [
      {
        name: "南岸区",
        level: "district",
        children: [
          {
            name: "南坪街道",
            level: "street",
            children: [
              { name: "后堡社区", level: "community", children: [grid("后堡第一网格", ["后堡1栋", "后堡2栋"])] },
              { name: "东路社区", level: "community", children: [grid("东路第一网格", ["东路1栋", "东路2栋"])] },
              { name: "金紫街社区", level: "community", children: [grid("金紫街第一网格", ["金紫街1栋"])] },
            ],
          },
          {
            name: "长生桥镇",
            level: "street",
            children: [
              {
                name: "桃花桥社区",
                level: "community",
                // 移民小区: 27 building units, no property company (scenario 1).
                children: [
                  grid("移民小区网格", Array.from({ length: 27 }, (_, i) => `移民小区${i + 1}栋`)),
                  grid("桃花桥第二网格", ["桃花桥A栋", "桃花桥B栋"]),
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: "无锡市",
    level: "city",
    children: [
      {
        name: "梁溪区",
        level: "district",
        children: [
          {
            name: "演示街道",
            level: "street",
            children: [
              { name: "美湖社区", level: "community", children: [grid("美湖第一网格", ["美湖1栋"])] },
              { name: "惠景社区", level: "community", children: [grid("惠景第一网格", ["惠景1栋", "惠景2栋"])] },
            ],
          },
        ],
      },
    ],
  },
  {
    name: "济南市",
    level: "city",
    children: [
      {
        name: "槐荫区",
        level: "district",
        children: [
          {
            name: "演示街道",
            level: "street",
            children: [{ name: "裕园社区", level: "community", children: [grid("裕园第一网格", ["裕园1号楼", "裕园2号楼"])] }],
          },
        ],
      },
    ],
  },
  { name: "宝鸡市", level: "city" },
];
