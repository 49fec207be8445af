#!/usr/bin/env node
// Prints a bcrypt hash for auth.users[].password_hash. The password is read from standard input (typed
// without echo on a terminal, or piped: `printf %s 's3cret' | npm run -s hash-password`), never from the
// command line, where other users could read it in the process list.
import bcrypt from "bcryptjs";

const COST = 12;

async function readPassword() {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) {
    const chunks = [];
    for await (const chunk of stdin) chunks.push(chunk);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  stderr.write("Password: ");
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  let password = "";
  return new Promise((resolve, reject) => {
    stdin.on("data", (key) => {
      for (const ch of key) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write("\n");
          resolve(password);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          reject(new Error("cancelled"));
          return;
        }
        if (ch === "\u007f") password = password.slice(0, -1);
        else password += ch;
      }
    });
  });
}

const password = await readPassword();
if (password.length === 0) {
  console.error("hash-password: empty password");
  process.exit(2);
}
console.log(bcrypt.hashSync(password, COST));
