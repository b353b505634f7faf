import { describe, expect, it } from "vitest";
import { locateAwsafePaths } from "./awsafe-paths.js";

const linux = { platform: "linux" as const, homedir: () => "/os-home" };

describe("locateAwsafePaths", () => {
  it.each([
    ["AWSAFE_HOME holds both", { HOME: "/h", AWSAFE_HOME: "/safe" }, "/safe/config.json", "/safe"],
    [
      "XDG directories",
      { HOME: "/h", XDG_CONFIG_HOME: "/c", XDG_DATA_HOME: "/d" },
      "/c/awsafe/config.json",
      "/d/awsafe",
    ],
    [
      "XDG defaults under HOME",
      { HOME: "/h" },
      "/h/.config/awsafe/config.json",
      "/h/.local/share/awsafe",
    ],
    [
      "relative XDG paths are ignored",
      { HOME: "/h", XDG_DATA_HOME: "rel" },
      "/h/.config/awsafe/config.json",
      "/h/.local/share/awsafe",
    ],
    [
      "the OS home without HOME",
      {},
      "/os-home/.config/awsafe/config.json",
      "/os-home/.local/share/awsafe",
    ],
  ])("%s", (_name, env, configFile, dataDir) => {
    expect(locateAwsafePaths(env, linux)).toMatchObject({ configFile, dataDir });
  });

  it.each([
    ["AWSAFE_HOME's cache folder", { HOME: "/h", AWSAFE_HOME: "/safe" }, "/safe/cache"],
    ["XDG_CACHE_HOME", { HOME: "/h", XDG_CACHE_HOME: "/k" }, "/k/awsafe"],
    ["~/.cache by default", { HOME: "/h" }, "/h/.cache/awsafe"],
    ["relative XDG_CACHE_HOME is ignored", { HOME: "/h", XDG_CACHE_HOME: "k" }, "/h/.cache/awsafe"],
  ])("keeps the cache in %s", (_name, env, cacheDir) => {
    expect(locateAwsafePaths(env, linux).cacheDir).toBe(cacheDir);
  });

  it("uses APPDATA and LOCALAPPDATA on Windows", () => {
    const paths = locateAwsafePaths(
      {
        USERPROFILE: "C:\\Users\\u",
        APPDATA: "C:\\Users\\u\\AppData\\Roaming",
        LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local",
      },
      { platform: "win32", homedir: () => "C:\\Users\\u" },
    );
    expect(paths.configFile).toBe("C:\\Users\\u\\AppData\\Roaming\\awsafe\\config.json");
    expect(paths.dataDir).toBe("C:\\Users\\u\\AppData\\Local\\awsafe");
    expect(paths.cacheDir).toBe("C:\\Users\\u\\AppData\\Local\\awsafe\\cache");
  });
});
