import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { setProfileProperties, type SharedConfigFiles } from "./set-profile-properties.js";

let dir: string;
let files: SharedConfigFiles;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "awsafe-edit-"));
  files = {
    configFile: path.join(dir, ".aws", "config"),
    credentialsFile: path.join(dir, ".aws", "credentials"),
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seed(config: string | Uint8Array, credentials: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(files.configFile), { recursive: true });
  await writeFile(files.configFile, config);
  await writeFile(files.credentialsFile, credentials);
}

const read = (file: string): Promise<string> => readFile(file, "utf8");

describe("setProfileProperties: routing", () => {
  it("sends credential keys to [NAME] in credentials and the rest to [profile NAME] in config", async () => {
    const result = await setProfileProperties(files, "dev", {
      region: "eu-west-1",
      aws_access_key_id: "AKIAEXAMPLEFAKE",
      aws_secret_access_key: "FAKE-SECRET",
      aws_session_token: "FAKE-TOKEN",
      aws_security_token: "FAKE-TOKEN",
      role_arn: "arn:aws:iam::123456789012:role/Test",
    });
    expect(result.changedFiles).toEqual([files.configFile, files.credentialsFile]);
    expect(await read(files.configFile)).toBe(
      "[profile dev]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Test\n",
    );
    expect(await read(files.credentialsFile)).toBe(
      "[dev]\naws_access_key_id = AKIAEXAMPLEFAKE\naws_secret_access_key = FAKE-SECRET\naws_session_token = FAKE-TOKEN\naws_security_token = FAKE-TOKEN\n",
    );
  });

  it("writes the default profile as [default] in both files", async () => {
    await setProfileProperties(files, "default", {
      region: "us-east-1",
      aws_access_key_id: "AKIAEXAMPLEFAKE",
    });
    expect(await read(files.configFile)).toBe("[default]\nregion = us-east-1\n");
    expect(await read(files.credentialsFile)).toBe(
      "[default]\naws_access_key_id = AKIAEXAMPLEFAKE\n",
    );
  });

  it('updates an existing [profile "NAME"] header in place', async () => {
    await seed('# mine\n[profile "dev"]\nregion = a\n\n[profile other]\nregion = b\n', "");
    await setProfileProperties(files, "dev", { region: "c" });
    expect(await read(files.configFile)).toBe(
      '# mine\n[profile "dev"]\nregion = c\n\n[profile other]\nregion = b\n',
    );
  });

  it("ignores a [profile NAME] header in the credentials file, as the SDKs do", async () => {
    await seed("", "[profile dev]\naws_access_key_id = AKIAOLDFAKE\n");
    await setProfileProperties(files, "dev", { aws_access_key_id: "AKIAEXAMPLEFAKE" });
    expect(await read(files.credentialsFile)).toBe(
      "[profile dev]\naws_access_key_id = AKIAOLDFAKE\n[dev]\naws_access_key_id = AKIAEXAMPLEFAKE\n",
    );
  });

  it("writes into [profile default] when the config file has only that header", async () => {
    await seed("[profile default]\nregion = a\n", "");
    await setProfileProperties(files, "default", { region: "b" });
    expect(await read(files.configFile)).toBe("[profile default]\nregion = b\n");
  });

  it("refuses a config file with both [default] and [profile default]", async () => {
    const config = "[default]\nregion = a\n[profile default]\nregion = b\n";
    await seed(config, "");
    await expect(setProfileProperties(files, "default", { region: "c" })).rejects.toThrow(
      ConfigError,
    );
    expect(await read(files.configFile)).toBe(config);
  });

  it("touches only the file that has values for it", async () => {
    const result = await setProfileProperties(files, "dev", { region: "eu-west-1" });
    expect(result.changedFiles).toEqual([files.configFile]);
    await expect(stat(files.credentialsFile)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("reports no change and does not rewrite a file when the values are already set", async () => {
    await seed("[profile dev]\nregion = eu-west-1\n", "");
    await chmod(files.configFile, 0o644);
    const result = await setProfileProperties(files, "dev", { region: "eu-west-1" });
    expect(result.changedFiles).toEqual([]);
    expect((await stat(files.configFile)).mode & 0o777).toBe(0o644);
  });

  it("keeps CRLF line endings and a missing final newline", async () => {
    await seed("[profile dev]\r\nregion = a\r\noutput = json", "");
    await setProfileProperties(files, "dev", { region: "b" });
    expect(await read(files.configFile)).toBe("[profile dev]\r\nregion = b\r\noutput = json");
    await setProfileProperties(files, "dev", { role_arn: "arn:aws:iam::123456789012:role/Test" });
    expect(await read(files.configFile)).toBe(
      "[profile dev]\r\nregion = b\r\noutput = json\r\nrole_arn = arn:aws:iam::123456789012:role/Test\r\n",
    );
  });
});

describe("setProfileProperties: comments", () => {
  it("adds a key above a comment with `:` that heads the next section", async () => {
    const before =
      "[profile u]\nregion = us-east-1\n\n# admin role: MFA\n[profile r]\nregion = us-east-1\n";
    await seed(before, "");
    await setProfileProperties(files, "u", { output: "json" });
    expect(await read(files.configFile)).toBe(
      "[profile u]\nregion = us-east-1\noutput = json\n\n# admin role: MFA\n[profile r]\nregion = us-east-1\n",
    );
  });
});

describe("setProfileProperties: only the subset every reader agrees on", () => {
  const CONFIG = "# keep me\n[profile dev]\nregion = a\n";
  const CREDENTIALS = "[dev]\naws_access_key_id = AKIAOLDFAKE\n";
  const rejected: readonly [name: string, profile: string, values: Record<string, string>][] = [
    ["a profile name with a space", "my dev", { region: "x" }],
    ["a profile name with a quote", '"dev"', { region: "x" }],
    ["a profile name with a bracket", "dev]", { region: "x" }],
    ["a non-ASCII profile name", "dév", { region: "x" }],
    ["an empty profile name", "", { region: "x" }],
    ["the profile name __proto__", "__proto__", { region: "x" }],
    ["an upper-case key", "dev", { Region: "x" }],
    ["a key with a dash", "dev", { "role-arn": "x" }],
    ["a key with =", "dev", { "a=b": "x" }],
    ["the key __proto__", "dev", Object.fromEntries([["__proto__", "x"]])],
    ["an empty value", "dev", { region: "" }],
    ["a value with LF", "dev", { aws_secret_access_key: "FAKE\nSECRET" }],
    ["a value with CR", "dev", { aws_secret_access_key: "FAKE\rSECRET" }],
    ["a value with U+2028", "dev", { region: "a\u2028b" }],
    ["a value with NUL", "dev", { region: "a\u0000b" }],
    ["a value with leading space", "dev", { aws_secret_access_key: " FAKESECRET" }],
    ["a value with trailing tab", "dev", { aws_secret_access_key: "FAKESECRET\t" }],
    ["a value with trailing no-break space", "dev", { region: "a\u00a0" }],
    ['a value with " #"', "dev", { aws_secret_access_key: "FAKE #SECRET" }],
    ['a value with a tab before ";"', "dev", { region: "a\t;b" }],
    ['a value starting with "#"', "dev", { region: "#a" }],
    ['a value starting with ";"', "dev", { region: ";a" }],
  ];
  for (const [name, profile, values] of rejected) {
    it(`rejects ${name} and leaves both files as they were`, async () => {
      await seed(CONFIG, CREDENTIALS);
      const attempt = setProfileProperties(files, profile, {
        role_arn: "arn:aws:iam::123456789012:role/Ok",
        ...values,
      });
      await expect(attempt).rejects.toThrow(ConfigError);
      const error: unknown = await attempt.catch((caught: unknown) => caught);
      if (!(error instanceof ConfigError)) throw new Error("expected a ConfigError");
      expect(error.hint).toBeTruthy();
      const [key = "", value = ""] = Object.entries(values)[0] ?? [];
      // Values may be secrets: the message names the key, never the value.
      if (value.trim().length >= 4) expect(error.message).not.toContain(value.trim());
      expect(error.message).toContain(
        /key/.test(name) ? key : JSON.stringify(profile).slice(1, -1),
      );
      expect(await read(files.configFile)).toBe(CONFIG);
      expect(await read(files.credentialsFile)).toBe(CREDENTIALS);
    });
  }

  it("accepts # and ; that no reader treats as a comment, = and :, and non-ASCII text", async () => {
    const values = {
      a: "x#y",
      b: "x;y",
      c: "k=v",
      d: "arn:aws:iam::1:role/x",
      e: "ünï ✓",
      f: "[x]",
    };
    await setProfileProperties(files, "team/app@corp.example:1+2%", values);
    expect(await read(files.configFile)).toBe(
      "[profile team/app@corp.example:1+2%]\na = x#y\nb = x;y\nc = k=v\nd = arn:aws:iam::1:role/x\ne = ünï ✓\nf = [x]\n",
    );
  });
});

describe("setProfileProperties: files on disk", () => {
  it("creates a missing directory 0700 and files 0600", async () => {
    const nested = {
      configFile: path.join(dir, "a", "b", "config"),
      credentialsFile: path.join(dir, "a", "b", "credentials"),
    };
    await setProfileProperties(nested, "dev", {
      region: "x",
      aws_access_key_id: "AKIAEXAMPLEFAKE",
    });
    expect((await stat(path.join(dir, "a"))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dir, "a", "b"))).mode & 0o777).toBe(0o700);
    expect((await stat(nested.configFile)).mode & 0o777).toBe(0o600);
    expect((await stat(nested.credentialsFile)).mode & 0o777).toBe(0o600);
  });

  it("tightens an existing file to 0600 when it rewrites it", async () => {
    await seed("[profile dev]\n", "");
    await chmod(files.configFile, 0o644);
    await setProfileProperties(files, "dev", { region: "x" });
    expect((await stat(files.configFile)).mode & 0o777).toBe(0o600);
  });

  it("leaves no temporary files behind", async () => {
    await seed("[profile dev]\n", "[dev]\n");
    await setProfileProperties(files, "dev", { region: "x", aws_access_key_id: "AKIAEXAMPLEFAKE" });
    expect((await readdir(path.dirname(files.configFile))).sort()).toEqual([
      "config",
      "credentials",
    ]);
  });

  it("writes through a symlinked config file and keeps the link", async () => {
    const target = path.join(dir, "dotfiles-config");
    await writeFile(target, "[profile dev]\nregion = a\n");
    await mkdir(path.dirname(files.configFile), { recursive: true });
    await symlink(target, files.configFile);
    await setProfileProperties(files, "dev", { region: "b" });
    expect((await lstat(files.configFile)).isSymbolicLink()).toBe(true);
    expect(await read(target)).toBe("[profile dev]\nregion = b\n");
  });

  it("refuses a file that is not UTF-8 and changes neither file", async () => {
    const badBytes = Uint8Array.from([0x5b, 0x64, 0x65, 0x76, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]);
    await seed(badBytes, "[dev]\n");
    await expect(
      setProfileProperties(files, "dev", { region: "x", aws_access_key_id: "AKIAEXAMPLEFAKE" }),
    ).rejects.toThrow(ConfigError);
    expect(new Uint8Array(await readFile(files.configFile))).toEqual(badBytes);
    expect(await read(files.credentialsFile)).toBe("[dev]\n");
  });

  it("refuses a file that starts with a byte-order mark", async () => {
    await seed("\uFEFF[profile dev]\nregion = a\n", "");
    await expect(setProfileProperties(files, "dev", { region: "x" })).rejects.toThrow(
      /byte-order mark/,
    );
    expect(await read(files.configFile)).toBe("\uFEFF[profile dev]\nregion = a\n");
  });

  it("reports a file it cannot read as a ConfigError", async () => {
    await mkdir(files.configFile, { recursive: true });
    await expect(setProfileProperties(files, "dev", { region: "x" })).rejects.toThrow(ConfigError);
  });
});
