// The one place files are kept: on local disk by default (STORAGE_DIR, .data/uploads), or in any
// S3-compatible store (STORAGE=s3 with S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID,
// S3_SECRET_ACCESS_KEY), so that several web processes share the same files.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;
function checkKey(key: string) {
  if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`unsafe storage key: ${key}`);
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    checkKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a file.
    await fs.writeFile(`${file}.tmp`, bytes);
    await fs.writeFile(`${file}.type`, contentType);
    await fs.rename(`${file}.tmp`, file);
  }

  async get(key: string): Promise<StoredFile | null> {
    const file = this.file(key);
    try {
      const [bytes, contentType] = await Promise.all([fs.readFile(file), fs.readFile(`${file}.type`, "utf8")]);
      return { bytes: new Uint8Array(bytes), contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(key: string) {
    const file = this.file(key);
    await Promise.all([fs.rm(file, { force: true }), fs.rm(`${file}.type`, { force: true })]);
  }
}

/** S3's REST API with AWS Signature Version 4, path-style (works with MinIO, Ceph, COS and OSS compat modes). */
export class S3Storage implements FileStorage {
  constructor(
    private readonly config: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string },
  ) {}

  private async send(method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array, contentType?: string) {
    checkKey(key);
    const url = new URL(`${this.config.endpoint.replace(/\/$/, "")}/${this.config.bucket}/${key}`);
    const now = new Date();
    const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, "");
    const day = amzDate.slice(0, 8);
    const payloadHash = createHash("sha256").update(body ?? new Uint8Array()).digest("hex");
    const headers: Record<string, string> = { host: url.host, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate };
    if (contentType) headers["content-type"] = contentType;
    const signed = Object.keys(headers).sort();
    const canonicalHeaders = signed.map((h) => `${h}:${headers[h]}\n`).join("");
    const canonical = [method, url.pathname, "", canonicalHeaders, signed.join(";"), payloadHash].join("\n");
    const scope = `${day}/${this.config.region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
    const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${this.config.secretAccessKey}`, day), this.config.region), "s3"), "aws4_request");
    const signature = createHmac("sha256", signingKey).update(toSign).digest("hex");
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.config.accessKeyId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
    delete headers.host;
    return fetch(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    const res = await this.send("PUT", key, bytes, contentType);
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status} ${await res.text()}`);
  }

  async get(key: string): Promise<StoredFile | null> {
    const res = await this.send("GET", key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status}`);
    return { bytes: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get("content-type") ?? "application/octet-stream" };
  }

  async remove(key: string) {
    const res = await this.send("DELETE", key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
  }
}

let storage: FileStorage | undefined;
export function fileStorage(): FileStorage {
  if (storage) return storage;
  if (process.env.STORAGE === "s3") {
    const need = (name: string) => {
      const value = process.env[name];
      if (!value) throw new Error(`STORAGE=s3 needs ${name}`);
      return value;
    };
    storage = new S3Storage({
      endpoint: need("S3_ENDPOINT"),
      bucket: need("S3_BUCKET"),
      region: process.env.S3_REGION ?? "us-east-1",
      accessKeyId: need("S3_ACCESS_KEY_ID"),
      secretAccessKey: need("S3_SECRET_ACCESS_KEY"),
    });
  } else {
    storage = new LocalDiskStorage(path.resolve(process.env.STORAGE_DIR ?? ".data/uploads"));
  }
  return storage;
}
