import { CxError, CxErrorCode, type Call } from '../index.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import type { MediaTap } from '../media/media-graph.js';

/** What the phone asks of the recording feature. */
export interface RecordingApi {
  start(call: Call): Promise<void>;
  stop(call: Call): Promise<void>;
}

/** Opus, in the container the browser records best. */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'];

/** The recording's container: the first the browser supports. */
function mimeType(): string {
  const supported = (type: string): boolean => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type);
  return MIME_TYPES.find(supported) ?? '';
}

/**
 * Records calls in the browser: a MediaRecorder (Opus) on a tap of the media
 * graph that mixes the agent's microphone with every party of the call
 * (both merged calls after a 3-way merge; parties joining later are added).
 * `recording:started`, `recording:stopped`, then `recording:ready` with
 * `{ blob, duration, mimeType }`. A recording stops with its call.
 */
export const recordingFeature: Feature<RecordingApi> = {
  name: 'recording',
  install(context) {
    const recordings = new Map<Call, Recording>();
    const offs = [
      context.on('call:changed', (call) => {
        const recording = recordings.get(call);
        if (!recording) return;
        if (call.ended) void recording.stop();
        else recording.follow();
      }),
    ];
    return {
      api: {
        async start(call) {
          if (recordings.has(call)) return;
          if (typeof MediaRecorder === 'undefined') {
            throw new CxError(CxErrorCode.MediaFailed, 'This browser cannot record (no MediaRecorder).');
          }
          const recording = new Recording(context, call, () => recordings.delete(call));
          recordings.set(call, recording);
          try {
            await recording.start();
          } catch (error) {
            recordings.delete(call);
            throw error;
          }
        },
        async stop(call) {
          await recordings.get(call)?.stop();
        },
      },
      dispose: () => {
        for (const off of offs) off();
        for (const recording of recordings.values()) void recording.stop();
      },
    };
  },
};

class Recording {
  readonly #context: FeatureContext;
  readonly #call: Call;
  readonly #done: () => void;
  #tap: MediaTap | undefined;
  #recorder: MediaRecorder | undefined;
  readonly #chunks: Blob[] = [];
  #startedAt = 0;
  #stopped: Promise<void> | undefined;

  constructor(context: FeatureContext, call: Call, done: () => void) {
    this.#context = context;
    this.#call = call;
    this.#done = done;
  }

  async start(): Promise<void> {
    this.#tap = await this.#context.media.tap(this.#sources());
    const type = mimeType();
    const recorder = new MediaRecorder(this.#tap.stream, type ? { mimeType: type } : undefined);
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.#chunks.push(event.data);
    });
    this.#recorder = recorder;
    this.#startedAt = performance.now();
    recorder.start(1000);
    this.#context.annotate(this.#call, { recording: true });
    this.#context.emit('recording:started', this.#call);
  }

  /** Who the recording holds: the microphone, this call's party and its conference's. */
  follow(): void {
    this.#tap?.setSources(this.#sources());
  }

  stop(): Promise<void> {
    const recorder = this.#recorder;
    if (!recorder) return Promise.resolve();
    this.#stopped ??= new Promise<void>((resolve) => {
      const duration = (performance.now() - this.#startedAt) / 1000;
      recorder.addEventListener(
        'stop',
        () => {
          const type = recorder.mimeType || mimeType() || 'audio/webm';
          const blob = new Blob(this.#chunks, { type });
          this.#tap?.dispose();
          this.#done();
          this.#context.emit('recording:ready', this.#call, { blob, duration, mimeType: type });
          resolve();
        },
        { once: true },
      );
      if (recorder.state !== 'inactive') recorder.stop();
      this.#context.annotate(this.#call, { recording: false });
      this.#context.emit('recording:stopped', this.#call);
    });
    return this.#stopped;
  }

  #sources(): string[] {
    const call = this.#call;
    const members = call.snapshot.conferenceId
      ? this.#context.$calls.get().filter((c) => !c.ended && c.snapshot.conferenceId === call.snapshot.conferenceId)
      : [call];
    const legs = members.flatMap((member) => {
      const leg = this.#context.legOf(member);
      return leg ? [leg.id] : [];
    });
    // 'mic': the agent's microphone in the media graph (media/routing.ts).
    return ['mic', ...legs];
  }
}
