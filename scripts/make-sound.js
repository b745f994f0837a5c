// Synthesizes Piket's P1 alert sound (a short two-tone chime, the second tone higher) and writes it as a mono
// 16-bit PCM WAV to renderer/public/alert.wav, which the build copies next to the renderer. No dependencies; the
// output is the same byte for byte on every run.
// Run: node scripts/make-sound.js [output path]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_RATE = 22_050;

/** Each tone: its pitch (Hz), when it starts and how long it rings (seconds). A5, then E6: a rising fifth. */
export const TONES = [
  { frequency: 880, start: 0, length: 0.22 },
  { frequency: 1318.51, start: 0.2, length: 0.45 },
];

/** Overtones that make a tone sound like a small bell rather than a beep: [multiple of the pitch, weight]. */
const PARTIALS = [
  [1, 1],
  [2, 0.3],
  [3, 0.12],
];
const ATTACK_SECONDS = 0.008;
const PEAK = 0.7;

/** The chime's samples in [-1, 1]. */
export function chimeSamples() {
  const end = Math.max(...TONES.map((tone) => tone.start + tone.length));
  const samples = new Float64Array(Math.ceil(end * SAMPLE_RATE));
  const partialSum = PARTIALS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const tone of TONES) {
    const first = Math.round(tone.start * SAMPLE_RATE);
    const count = Math.round(tone.length * SAMPLE_RATE);
    for (let i = 0; i < count && first + i < samples.length; i += 1) {
      const t = i / SAMPLE_RATE;
      const attack = Math.min(1, t / ATTACK_SECONDS);
      // Decays to about 1 % at the tone's end, then a short fade so it never ends in a click.
      const decay = Math.exp((-4.6 * t) / tone.length);
      const fade = Math.min(1, (count - i) / (0.01 * SAMPLE_RATE));
      let value = 0;
      for (const [multiple, weight] of PARTIALS) {
        value += weight * Math.sin(2 * Math.PI * tone.frequency * multiple * t);
      }
      samples[first + i] += (PEAK * attack * decay * fade * value) / partialSum;
    }
  }
  return samples;
}

/** Encodes samples in [-1, 1] as a mono 16-bit PCM WAV file. */
export function encodeWav(samples, sampleRate = SAMPLE_RATE) {
  const dataBytes = samples.length * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // size of the fmt chunk
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  samples.forEach((sample, i) => {
    const clamped = Math.max(-1, Math.min(1, sample));
    wav.writeInt16LE(Math.round(clamped * 32_767), 44 + i * 2);
  });
  return wav;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const output =
    process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer', 'public', 'alert.wav');
  mkdirSync(dirname(output), { recursive: true });
  const wav = encodeWav(chimeSamples());
  writeFileSync(output, wav);
  console.log(`${output} (${wav.length} bytes)`);
}
