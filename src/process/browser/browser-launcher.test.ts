import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError } from "../../errors.js";
import { createBrowserLauncher, profileDirectory } from "./browser-launcher.js";
import { browserCandidates, findBrowser } from "./find-browser.js";
import {
  grantedContainersId,
  grantedContainersInstalled,
  grantedContainerUrl,
} from "./firefox-containers.js";
import { launchDetached } from "./launch-detached.js";
import { openSystemBrowser } from "./system-browser.js";

const scratch = mkdtempSync(path.join(tmpdir(), "awsafe-browser-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * An executable `name` in a fresh folder that records its arguments in `<folder>/argv`; `argv`
 * throws until they are all there (a detached launch may still be writing when the test reads).
 */
function recorder(name: string, status = 0): { dir: string; argv: () => string[] } {
  const dir = mkdtempSync(path.join(scratch, "bin-"));
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${dir}/argv'\nexit ${status}\n`,
  );
  chmodSync(file, 0o755);
  return {
    dir,
    argv: () => {
      const text = readFileSync(path.join(dir, "argv"), "utf8");
      if (!text.endsWith("\n")) throw new Error(`${dir}/argv is still being written`);
      return text.trim().split("\n");
    },
  };
}

async function waitFor<T>(read: () => T): Promise<T> {
  for (let waited = 0; ; waited += 20) {
    try {
      return read();
    } catch (error) {
      if (waited > 5000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe("finding a browser", () => {
  it("takes the first candidate command on PATH", () => {
    const found = recorder("chromium-browser");
    expect(findBrowser("chromium", "linux", { PATH: `/nonexistent:${found.dir}` })).toBe(
      path.join(found.dir, "chromium-browser"),
    );
  });

  it("ignores a candidate that is not executable", () => {
    const dir = mkdtempSync(path.join(scratch, "noexec-"));
    writeFileSync(path.join(dir, "firefox"), "");
    expect(() => findBrowser("firefox", "linux", { PATH: dir })).toThrow(StoreError);
  });

  it("names every place it looked and the --stdout way out", () => {
    expect(() => findBrowser("brave", "linux", { PATH: "/nonexistent" })).toThrow(
      /Cannot find brave: looked for brave-browser on PATH, brave on PATH/,
    );
    try {
      findBrowser("edge", "darwin", { HOME: "/Users/me" });
    } catch (error) {
      expect(String(error)).toContain(
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      );
      expect(String(error)).toContain("/Users/me/Applications/Microsoft Edge.app");
      expect(error).toMatchObject({ hint: expect.stringContaining("--stdout") as unknown });
    }
  });

  it("knows the Windows installers' folders", () => {
    const found = browserCandidates("chrome", "win32", {
      ProgramFiles: "C:\\Program Files",
      LOCALAPPDATA: "C:\\Users\\me\\AppData\\Local",
    });
    expect(found.commands).toEqual(["chrome.exe"]);
    expect(found.files).toEqual([
      "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
      "C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe",
    ]);
  });
});

describe("isolation", () => {
  it("escapes any profile name into one plain directory name", () => {
    expect(profileDirectory("/d", "chromium", "admin")).toBe("/d/browsers/chromium/admin");
    expect(profileDirectory("/d", "chromium", "../x")).toBe("/d/browsers/chromium/%2E%2E%2Fx");
    expect(profileDirectory("/d", "firefox", "team/prod:é")).toBe(
      "/d/browsers/firefox/team%2Fprod%3A%C3%A9",
    );
  });

  it("starts a Chromium-family browser on its own 0700 user-data dir with only the address", async () => {
    const chrome = recorder("google-chrome");
    const dataDir = mkdtempSync(path.join(scratch, "data-"));
    const launcher = createBrowserLauncher({
      env: { PATH: chrome.dir },
      platform: "linux",
      dataDir,
    });
    const prepared = await launcher.prepare({
      browser: "chrome",
      isolate: true,
      profile: "prod/admin",
    });
    expect(prepared.isolation).toBe("user-data-dir");
    const opened = await prepared.open("http://127.0.0.1:9/abc");
    opened.release();
    const dir = path.join(dataDir, "browsers/chrome/prod%2Fadmin");
    expect(await waitFor(chrome.argv)).toEqual([
      `--user-data-dir=${dir}`,
      "--no-first-run",
      "--no-default-browser-check",
      "--incognito",
      "http://127.0.0.1:9/abc",
    ]);
    for (const d of [dir, path.dirname(dir), path.dirname(path.dirname(dir))]) {
      expect(statSync(d).mode & 0o777).toBe(0o700);
    }
  });

  it("opens Firefox in a Granted container when the extension is enabled in the default profile, else in a profile dir of its own", async () => {
    const firefox = recorder("firefox");
    const home = mkdtempSync(path.join(scratch, "home-"));
    const dataDir = mkdtempSync(path.join(scratch, "data-"));
    const env = { PATH: firefox.dir, HOME: home };
    const launcher = createBrowserLauncher({ env, platform: "linux", dataDir });
    const choice = { browser: "firefox", isolate: true, profile: "a&b" } as const;
    const withoutExtension = await launcher.prepare(choice);
    expect(withoutExtension.isolation).toBe("firefox-profile");
    (await withoutExtension.open("http://127.0.0.1:9/p")).release();
    expect(await waitFor(firefox.argv)).toEqual([
      "--profile",
      path.join(dataDir, "browsers/firefox/a%26b"),
      "--private-window",
      "http://127.0.0.1:9/p",
    ]);
    const root = path.join(home, ".mozilla/firefox");
    mkdirSync(path.join(root, "abcd.default-release"), { recursive: true });
    writeFileSync(
      path.join(root, "profiles.ini"),
      "[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd.default-release\n\n[Install4F96D1932A9F858E]\nDefault=abcd.default-release\nLocked=1\n",
    );
    writeFileSync(
      path.join(root, "abcd.default-release/extensions.json"),
      JSON.stringify({ addons: [{ id: grantedContainersId, active: false }] }),
    );
    expect(grantedContainersInstalled("linux", env)).toBe(false);
    writeFileSync(
      path.join(root, "abcd.default-release/extensions.json"),
      JSON.stringify({
        addons: [
          { id: "other@x", active: true },
          { id: grantedContainersId, active: true },
        ],
      }),
    );
    expect(grantedContainersInstalled("linux", env)).toBe(true);
    const withExtension = await launcher.prepare(choice);
    expect(withExtension.isolation).toBe("firefox-container");
    (await withExtension.open("http://127.0.0.1:9/p?x=1&y=2")).release();
    const [flag, url] = await waitFor(() => {
      const argv = firefox.argv();
      if (argv[0] !== "--new-tab") throw new Error("not yet");
      return argv;
    });
    expect(flag).toBe("--new-tab");
    expect(url).toBe(grantedContainerUrl("a&b", "http://127.0.0.1:9/p?x=1&y=2"));
    // What the extension's parser reads back (URLSearchParams after the scheme).
    const params = new URLSearchParams((url ?? "").slice("ext+granted-containers:".length));
    expect(params.get("name")).toBe("a&b");
    expect(params.get("url")).toBe("http://127.0.0.1:9/p?x=1&y=2");
  });
});

describe("starting browsers", () => {
  it("reports a browser that exits at once with its status", async () => {
    const failing = recorder("chromium", 4);
    const opened = await launchDetached(
      path.join(failing.dir, "chromium"),
      [],
      {},
      "chromium (test)",
    );
    const error = await opened.failed;
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toContain(
      "chromium (test) exited with status 4 before it opened the console",
    );
  });

  it("reports a program that cannot start", async () => {
    await expect(launchDetached("/nonexistent/browser", [], {}, "x")).rejects.toThrow(
      "Cannot start x: ENOENT",
    );
  });

  it("honours BROWSER first: the first command that starts, %s standing for the address", async () => {
    const browser = recorder("my-browser");
    const opened = await openSystemBrowser(
      "http://127.0.0.1:9/x",
      { BROWSER: `/nonexistent/a:${path.join(browser.dir, "my-browser")} --new %s --flag` },
      {},
      "linux",
    );
    opened.release();
    expect(await waitFor(browser.argv)).toEqual(["--new", "http://127.0.0.1:9/x", "--flag"]);
  });

  it("refuses a BROWSER with nothing that starts", async () => {
    await expect(
      openSystemBrowser(
        "http://127.0.0.1:9/x",
        { BROWSER: "/nonexistent/a:/nonexistent/b" },
        {},
        "linux",
      ),
    ).rejects.toThrow("None of the commands in BROWSER could be started");
  });
});
