import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describeReadmePrograms } from "../../../test-support/readme-suite.js";

// Every ```ts block of this package's README, type-checked under strict and run.
describeReadmePrograms(resolve(dirname(fileURLToPath(import.meta.url)), ".."));
