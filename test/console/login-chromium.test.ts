// A real browser follows `awsafe login` through the one-time loopback address: headless Chromium
// (Debian's `chromium`, driven by puppeteer-core over the DevTools protocol; no browser is ever
// downloaded) lands on the emulator's console page. Two profiles logged in with isolation end in
// two user-data dirs, each page showing its own identity, and no sign-in token shows in any
// process's command line meanwhile.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { connect, type Browser, type Page } from "puppeteer-core";
import { afterAll, expect, it } from "vitest";
import { describeWithRealThing } from "../store/real-thing.js";
import { issuedSigninTokens, useConsoleWorld } from "./console-world.js";
import { sampleProcesses, sampleWhile, type ProcSample } from "./proc-scan.js";

const systemChromium = "/usr/bin/chromium";

/** Every regular file under `dir` (symlinks, such as Chromium's Singleton* ones, left out). */
function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory() === true) return filesIn(file);
    return stat?.isFile() === true ? [file] : [];
  });
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return "";
  }
}
// What headless Chromium needs here (as root, on a closed network): no sandbox, no GPU, and none
// of the background traffic that would flood the network with failing requests.
const headlessFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--password-store=basic",
  "--remote-debugging-port=0",
];

describeWithRealThing(
  "awsafe login in headless Chromium",
  existsSync(systemChromium) ? undefined : `${systemChromium} is missing (Debian package chromium)`,
  () => {
    const setup = useConsoleWorld();
    const browsers: Browser[] = [];
    let pidFile = "";

    afterAll(async () => {
      for (const browser of browsers) await browser.close().catch(() => undefined);
      // Whatever did not close: the process groups of the browsers this file started, only.
      if (pidFile !== "" && existsSync(pidFile)) {
        for (const pid of readFileSync(pidFile, "utf8").split("\n").filter(Boolean)) {
          try {
            process.kill(-Number(pid), "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    });

    /** Waits until every Chromium this file started has exited. */
    async function chromiumGone(): Promise<void> {
      const pids = readFileSync(pidFile, "utf8").split("\n").filter(Boolean).map(Number);
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let waited = 0; waited < 15_000 && pids.some(alive); waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    /** A `chromium` on PATH that starts the system's headless, recording its pid. */
    function headlessChromiumBin(): string {
      const bin = mkdtempSync(path.join(setup.scratch, "chromium-bin-"));
      pidFile = path.join(setup.scratch, "chromium.pids");
      const wrapper = path.join(bin, "chromium");
      writeFileSync(
        wrapper,
        `#!/bin/sh\necho $$ >> '${pidFile}'\nexec ${systemChromium} ${headlessFlags.join(" ")} "$@"\n`,
      );
      chmodSync(wrapper, 0o755);
      return bin;
    }

    /** The browser Chromium runs on `userDataDir`, once its DevTools port is written. */
    async function attach(userDataDir: string): Promise<Browser> {
      const portFile = path.join(userDataDir, "DevToolsActivePort");
      for (let waited = 0; waited < 20_000 && !existsSync(portFile); waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const port = readFileSync(portFile, "utf8").split("\n")[0] ?? "";
      const browser = await connect({ browserURL: `http://127.0.0.1:${port}` });
      browsers.push(browser);
      return browser;
    }

    /** The text of the console page the browser shows (waits for it). */
    async function consoleText(browser: Browser): Promise<{ page: Page; text: string }> {
      for (let waited = 0; waited < 20_000; waited += 200) {
        for (const page of await browser.pages()) {
          if (!page.url().endsWith("/console")) continue;
          const text = String(await page.evaluate("document.body.innerText").catch(() => ""));
          if (text.includes("Signed in as")) return { page, text };
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error("the browser never showed the console page");
    }

    it(
      "opens AdminRole's and PartnerRole's consoles side by side, each in its own user-data dir",
      { timeout: 120_000 },
      async () => {
        const { world, emulator } = setup;
        const env = { PATH: `${headlessChromiumBin()}:${world.env.PATH}` };
        const dataDir = path.join(world.home, ".local/share/awsafe/browsers/chromium");
        const samples: ProcSample[] = [];
        const texts: Record<string, string> = {};
        const consoles: Record<string, { browser: Browser; page: Page }> = {};
        for (const profile of ["admin", "partner"]) {
          const scanned = await sampleWhile(
            world.awsafe(["login", profile, "--browser", "chromium"], env),
          );
          for (const sample of scanned.samples) samples.push(sample);
          expect(scanned.result.status, scanned.result.stderr).toBe(0);
          const browser = await attach(path.join(dataDir, profile));
          const { page, text } = await consoleText(browser);
          for (const sample of sampleProcesses()) samples.push(sample);
          texts[profile] = text;
          consoles[profile] = { browser, page };
        }
        console.log(`admin's page:\n${texts.admin}\n\npartner's page:\n${texts.partner}`);
        expect(texts.admin).toMatch(/assumed-role\/AdminRole\//);
        expect(texts.admin).toContain("Account: 210987654321");
        expect(texts.admin).toContain(
          "Destination: https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1",
        );
        expect(texts.partner).toMatch(/assumed-role\/PartnerRole\//);
        expect(texts.partner).toContain("Account: 123456789012");
        // Still signed in to its own account after the other login: the cookies are apart.
        const admin = consoles.admin;
        if (admin === undefined) throw new Error("no admin console");
        await admin.page.reload();
        expect(String(await admin.page.evaluate("document.body.innerText"))).toContain("AdminRole");
        // Two browsers, two user-data dirs.
        const chromiumProcesses = samples.filter((p) =>
          p.cmdline.includes(`--user-data-dir=${dataDir}/`),
        );
        const dirs = new Set(
          chromiumProcesses.map((p) => /--user-data-dir=(\S+)/.exec(p.cmdline)?.[1]),
        );
        expect([...dirs].sort()).toEqual([`${dataDir}/admin`, `${dataDir}/partner`]);
        // No sign-in token in any command line seen meanwhile (awsafe, Chromium and all others).
        const tokens = issuedSigninTokens(emulator).flatMap((t) => [t, encodeURIComponent(t)]);
        for (const sample of samples) {
          for (const token of tokens) expect(sample.cmdline.includes(token)).toBe(false);
        }
        // The login URL is part of the redirect chain a browser records in its history; the
        // isolated profiles are incognito, so once the browsers are gone no file of theirs holds it.
        for (const browser of browsers.splice(0)) await browser.close();
        await chromiumGone();
        const files = [path.join(dataDir, "admin"), path.join(dataDir, "partner")].flatMap(filesIn);
        expect(files.length).toBeGreaterThan(10);
        const withToken = files.filter((file) => {
          const content = readOrEmpty(file);
          return tokens.some((token) => content.includes(token));
        });
        expect(withToken).toEqual([]);
        console.log(
          `/proc scan: ${samples.length} samples of ${new Set(samples.map((p) => p.pid)).size} processes, ${new Set(chromiumProcesses.map((p) => p.pid)).size} of them Chromium's; sign-in tokens found: 0 of ${issuedSigninTokens(emulator).length}; files of the two user-data dirs after Chromium exited: ${files.length}, holding a token: 0`,
        );
      },
    );
  },
);
