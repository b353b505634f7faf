// Run in child processes by encrypted-file-store.test.ts: several processes write distinct items
// into the same encrypted file at once. Usage: node <bundle> <file> <name-prefix> <count>; the
// test passphrase comes from TEST_STORE_PASSPHRASE.
import { openEncryptedFileStore } from "../../src/store/encrypted-file/encrypted-file-store.js";

const [file, prefix, count] = process.argv.slice(2);
if (file === undefined || prefix === undefined || count === undefined)
  throw new Error("usage: <file> <prefix> <count>");
const passphrase = process.env.TEST_STORE_PASSPHRASE ?? "";
const store = await openEncryptedFileStore({
  file,
  passphrase: () => Promise.resolve(passphrase),
  workFactor: 10,
});
for (let i = 0; i < Number(count); i++) {
  await store.put(
    { kind: "long-term", name: `${prefix}-${i}` },
    { accessKeyId: `AKIAEXAMPLETEST${i}`, secretAccessKey: `fake-TEST-${prefix}-${i}` },
  );
}
