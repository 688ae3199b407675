import { useEffect, useRef, useState } from 'react';
import { HubClient, type ConnectionStatus } from '../../shared/hubConnection';
import type { ProgressMessage } from './types';

/** Subscribes to /hubs/ingestion `progress` while the component is mounted. */
export function useIngestionProgress(onProgress: (m: ProgressMessage) => void): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  const handler = useRef(onProgress);
  handler.current = onProgress;

  useEffect(() => {
    const hub = new HubClient('/hubs/ingestion', setStatus, (c) =>
      c.on('progress', (m: ProgressMessage) => {
        if (m && typeof m.documentId === 'string') handler.current(m);
      }),
    );
    hub.connect().catch(() => setStatus('disconnected'));
    return () => void hub.disconnect();
  }, []);

  return status;
}
