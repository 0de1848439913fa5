// The part of jsfive's API (a pure-JavaScript HDF5 reader) this package uses; jsfive ships no types.
declare module "jsfive" {
  export class Group {
    readonly keys: string[];
    get(path: string): Group | Dataset | null;
  }
  export class Dataset {
    readonly value: ArrayLike<number>;
    readonly shape: number[];
    readonly dtype: string;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
}
