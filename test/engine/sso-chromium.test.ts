import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, type Browser } from "puppeteer-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { SSO_TEST_PASSWORD } from "../../emulator/sso/authorize-page.js";
import { control } from "../../emulator/test-support/emulator-fixture.js";
import { repoRoot } from "../support/conformance.js";
import { describeWithRealThing } from "../store/real-thing.js";
import { jsonFields, makeWorld, type AwsafeWorld } from "./awsafe-world.js";

// `awsafe sso login` with a real browser: headless Chromium (Debian's `chromium`, driven by
// puppeteer-core; no browser is ever downloaded) opens the sign-in page awsafe hands it, signs in
// on the emulator's IAM Identity Center form, and is redirected to awsafe's loopback listener
// with the code; awsafe redeems it (PKCE) and the SSO profile then has role credentials.
const systemChromium = "/usr/bin/chromium";
const startUrl = "https://d-1234567890.awsapps.com/start";

describeWithRealThing(
  "awsafe sso login in headless Chromium",
  existsSync(systemChromium) ? undefined : `${systemChromium} is missing (Debian package chromium)`,
  () => {
    let emulator: RunningEmulator;
    let world: AwsafeWorld;
    let browser: Browser | undefined;
    let scratch = "";
    beforeAll(async () => {
      emulator = await start({ port: 0 });
      world = makeWorld(emulator, "file");
      scratch = mkdtempSync(path.join(tmpdir(), "awsafe-sso-chromium-"));
      browser = await launch({
        executablePath: systemChromium,
        headless: true,
        userDataDir: path.join(scratch, "chromium"),
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          // No keyring: the test session's Secret Service is awsafe's, not the browser's.
          "--password-store=basic",
        ],
        // A first start with a fresh profile on a loaded 2-core CI takes a while.
        timeout: 120_000,
      });
    }, 150_000);
    afterAll(async () => {
      await browser?.close();
      await world.stopAgent();
      await emulator.stop();
      rmSync(world.home, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    });

    it(
      "signs in on the portal's page, and the SSO profile gets its role credentials",
      { timeout: 90_000 },
      async () => {
        await control(emulator, "POST", "sso-login", { mode: "form" });
        const handoff = path.join(scratch, "handoff");
        const config = path.join(world.home, ".aws/config");
        const { appendFileSync } = await import("node:fs");
        appendFileSync(
          config,
          `[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = us-east-1\n`,
        );
        const env = {
          BROWSER: `${process.execPath} ${path.join(repoRoot, "test/engine/fixtures/hand-browser.mjs")}`,
          BROWSER_HANDOFF: handoff,
        };
        const login = world.awsafe(["sso", "login", "--sso-session", "corp"], env);
        let url = "";
        for (let waited = 0; waited < 30_000 && url === ""; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          url = existsSync(handoff) ? (readFileSync(handoff, "utf8").split("\n")[0] ?? "") : "";
        }
        expect(url).toMatch(/\/authorize\?/);
        if (browser === undefined) throw new Error("no browser");
        const page = await browser.newPage();
        await page.goto(url);
        await page.type("#username", "developer");
        await page.type("#password", SSO_TEST_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click("#allow")]);
        // The browser ends on awsafe's own loopback page, which says the sign-in is done.
        expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
        const done = await login;
        expect(done.stderr).toContain(`Signed in to ${startUrl}`);
        expect(done.status).toBe(0);
        const credentials = await world.awsafeCredentials(["credential-process", "dev"]);
        expect(credentials.status).toBe(0);
        expect(jsonFields(credentials.stdout)).toMatchObject({ AccountId: "111111111111" });
        console.log(
          `Chromium ended on awsafe's page: ${String(await page.evaluate("document.body.innerText"))}`,
        );
      },
    );
  },
);
