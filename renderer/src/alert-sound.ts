// The P1 chime (renderer/public/alert.wav, made by scripts/make-sound.js). A play the browser refuses (autoplay
// blocked before the first click) is let go silently: the panel, the title and the notifications still alert.
const SOUND_URL = `${import.meta.env.BASE_URL}alert.wav`;

let audio: HTMLAudioElement | null = null;

export function playChime(): void {
  audio ??= new Audio(SOUND_URL);
  audio.currentTime = 0;
  audio.play().catch(() => undefined);
}
