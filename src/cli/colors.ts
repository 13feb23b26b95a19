/** Whether to use ANSI colours (a TTY without NO_COLOR). */
export const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const paint = (code: number, s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
export const red = (s: string) => paint(31, s);
export const green = (s: string) => paint(32, s);
export const yellow = (s: string) => paint(33, s);
export const bold = (s: string) => paint(1, s);
export const dim = (s: string) => paint(2, s);
export const cyan = (s: string) => paint(36, s);
