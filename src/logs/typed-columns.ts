/**
 * Growable typed-array columns: the log audit's per-send and per-window
 * counters (src/logs/windows.ts, src/logs/outcomes.ts) at millions of rows,
 * without the 8-byte slots and regrowth copies of plain number arrays.
 */
type Typed = Int32Array | Uint16Array | Uint8Array | Float64Array;

/** A typed array that grows by half (less slack than doubling at millions of slots). */
export class Col<T extends Typed> {
  constructor(
    public a: T,
    private readonly make: (n: number) => T,
  ) {}
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const b = this.make(Math.max(n, Math.ceil(this.a.length * 1.5)));
    b.set(this.a as never);
    this.a = b;
  }
}
export const i32 = (n = 1024) => new Col(new Int32Array(n), (k) => new Int32Array(k));
export const u16 = (n = 1024) => new Col(new Uint16Array(n), (k) => new Uint16Array(k));
export const u8 = (n = 1024) => new Col(new Uint8Array(n), (k) => new Uint8Array(k));
export const f64 = (n = 1024) => new Col(new Float64Array(n), (k) => new Float64Array(k));
