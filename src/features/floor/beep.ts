/**
 * A short two-tone beep with the Web Audio API (no sound file to download). Browsers let a page
 * play sound only after the person has interacted with it; a refused start is ignored.
 */
let context: AudioContext | null = null;

export function beep(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    void ctx.resume().catch(() => {});
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.45);
    gain.connect(ctx.destination);
    for (const [frequency, at] of [
      [880, 0],
      [660, 0.2],
    ] as const) {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(frequency, ctx.currentTime + at);
      osc.connect(gain);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.2);
    }
  } catch {
    // No audio here (or not allowed yet): the banner is the alert.
  }
}
