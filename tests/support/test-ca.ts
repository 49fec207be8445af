import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// A private CA and one server certificate it signed, made with the openssl CLI in `dir`: what a
// Patroni node behind HTTPS with a site's own CA presents.

export interface TestCertificates {
  ca: Buffer;
  key: Buffer;
  cert: Buffer;
}

export function makeCaSignedCertificate(
  dir: string,
  o: { caName: string; serverName: string; subjectAltName: string; caDays: number; serverDays: number },
): TestCertificates {
  const sh = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: "ignore", timeout: 30_000 });
  sh(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      String(o.caDays),
      "-subj",
      `/CN=${o.caName}`,
    ].concat(["-keyout", "ca.key", "-out", "ca.crt"]),
  );
  sh(
    ["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${o.serverName}`].concat([
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
    ]),
  );
  writeFileSync(join(dir, "ext.cnf"), `subjectAltName=${o.subjectAltName}\n`);
  sh(
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial"].concat([
      "-days",
      String(o.serverDays),
      "-extfile",
      "ext.cnf",
      "-out",
      "server.crt",
    ]),
  );
  return {
    ca: readFileSync(join(dir, "ca.crt")),
    key: readFileSync(join(dir, "server.key")),
    cert: readFileSync(join(dir, "server.crt")),
  };
}
