// Test support: a self-signed certificate for 127.0.0.1, made with openssl in a temp dir, for real TLS in tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type TestCertificate = {
  /** PEM files: NODE_EXTRA_CA_CERTS=certPath lets a child process trust it. */
  certPath: string;
  keyPath: string;
  cert: Buffer;
  key: Buffer;
  cleanup: () => void;
};

/** A one-day certificate whose subjectAltName is IP:127.0.0.1, so clients verify it as they would a real one. */
export function createTestCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), "carrega-tls-"));
  const certPath = path.join(dir, "cert.pem");
  const keyPath = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  return {
    certPath,
    keyPath,
    cert: readFileSync(certPath),
    key: readFileSync(keyPath),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
