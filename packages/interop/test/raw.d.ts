// Vite's `?raw` imports: the file's text as a string (used to compare the README with the examples).
declare module "*?raw" {
  const text: string;
  export default text;
}
