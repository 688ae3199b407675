// Test helpers (imported by *.test.ts only; not part of the bundle).
import type { IStreamResult, IStreamSubscriber } from '@microsoft/signalr';
import type { StreamingConnection } from './chat';

/** A fake hub connection whose streams the test drives by hand. */
export class FakeConnection implements StreamingConnection {
  calls: { method: string; args: unknown[] }[] = [];
  subscriber: IStreamSubscriber<unknown> | null = null;
  disposed = 0;
  throwOnStream: Error | null = null;

  stream<T = unknown>(method: string, ...args: unknown[]): IStreamResult<T> {
    if (this.throwOnStream) throw this.throwOnStream;
    this.calls.push({ method, args });
    return {
      subscribe: (s: IStreamSubscriber<T>) => {
        this.subscriber = s as IStreamSubscriber<unknown>;
        return { dispose: () => void this.disposed++ };
      },
    };
  }

  emit(item: unknown): void {
    this.subscriber?.next(item);
  }
}
