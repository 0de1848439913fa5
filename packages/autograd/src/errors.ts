import { NeuriteError } from "@neurite/tensor";

/** Misuse of the autograd engine: backward on a non-scalar without a gradient, a gradient of the wrong shape, ... */
export class AutogradError extends NeuriteError {}
