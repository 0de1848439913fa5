// Offers the WebAssembly backend to the kernel registry. Imported for its
// effect by the package entry, so the registry itself knows no concrete
// backend; registration (and compiling the module) waits for the first kernel.
import { offerAutoBackends } from "../registry.js";
import { autoBackends } from "./auto.js";

offerAutoBackends(autoBackends);
