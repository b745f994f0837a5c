// The bundled P1 chime: renderer/public/alert.wav is what scripts/make-sound.js makes, a mono 16-bit PCM WAV that a
// browser plays: short, loud enough without clipping, free of clicks at its ends, and two tones, the second higher.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SHIPPED = 'renderer/public/alert.wav';
const FULL_SCALE = 32_767;

interface Wav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Int16Array;
}

function parseWav(bytes: Buffer): Wav {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  expect(bytes.toString('ascii', 12, 16)).toBe('fmt ');
  expect(bytes.toString('ascii', 36, 40)).toBe('data');
  const dataBytes = bytes.readUInt32LE(40);
  expect(dataBytes).toBe(bytes.length - 44);
  const samples = new Int16Array(dataBytes / 2);
  for (let i = 0; i < samples.length; i += 1) samples[i] = bytes.readInt16LE(44 + i * 2);
  return {
    format: bytes.readUInt16LE(20),
    channels: bytes.readUInt16LE(22),
    sampleRate: bytes.readUInt32LE(24),
    bitsPerSample: bytes.readUInt16LE(34),
    samples,
  };
}

/** The strength of one frequency in a stretch of samples (the Goertzel algorithm). */
function power(wav: Wav, frequency: number, fromSeconds: number, toSeconds: number): number {
  const from = Math.round(fromSeconds * wav.sampleRate);
  const to = Math.round(toSeconds * wav.sampleRate);
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / wav.sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = from; i < to; i += 1) {
    const current = (wav.samples[i] ?? 0) / FULL_SCALE + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
}

describe('the P1 chime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piket-sound-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const wav = parseWav(readFileSync(SHIPPED));

  it('is the file scripts/make-sound.js writes, byte for byte', () => {
    const made = join(dir, 'alert.wav');
    execFileSync(process.execPath, ['scripts/make-sound.js', made]);
    expect(readFileSync(made).equals(readFileSync(SHIPPED))).toBe(true);
  });

  it('is mono 16-bit PCM, under a second long', () => {
    expect(wav).toMatchObject({ format: 1, channels: 1, bitsPerSample: 16 });
    const seconds = wav.samples.length / wav.sampleRate;
    expect(seconds).toBeGreaterThan(0.4);
    expect(seconds).toBeLessThan(1);
  });

  it('is loud without clipping, and starts and ends in silence (no click)', () => {
    const peak = Math.max(...wav.samples.map(Math.abs));
    expect(peak / FULL_SCALE).toBeGreaterThan(0.4);
    expect(peak).toBeLessThan(FULL_SCALE);
    expect(Math.abs(wav.samples[0] ?? 1)).toBeLessThan(0.01 * FULL_SCALE);
    expect(Math.abs(wav.samples.at(-1) ?? 1)).toBeLessThan(0.01 * FULL_SCALE);
  });

  it('rises from a first tone (880 Hz) to a second, higher one (1318.5 Hz)', () => {
    const [low, high] = [880, 1318.51];
    expect(power(wav, low, 0, 0.18)).toBeGreaterThan(100 * power(wav, high, 0, 0.18));
    expect(power(wav, high, 0.25, 0.55)).toBeGreaterThan(100 * power(wav, low, 0.25, 0.55));
  });
});
