import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';

export type ConnectionStatus = 'idle' | 'connected' | 'reconnecting' | 'disconnected';

/** Owns one SignalR connection to `url`, started lazily and reconnecting automatically. */
export class HubClient {
  private connection: HubConnection | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly onStatus: (s: ConnectionStatus) => void = () => {},
    private readonly configure: (c: HubConnection) => void = () => {},
  ) {}

  private build(): HubConnection {
    const connection = new HubConnectionBuilder()
      .withUrl(this.url)
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connection.onreconnecting(() => this.onStatus('reconnecting'));
    connection.onreconnected(() => this.onStatus('connected'));
    connection.onclose(() => this.onStatus('disconnected'));
    this.configure(connection);
    return connection;
  }

  /** A started connection (starting it, or waiting for the start in progress). */
  async connect(): Promise<HubConnection> {
    const connection = (this.connection ??= this.build());
    if (connection.state === HubConnectionState.Connected) return connection;
    if (connection.state === HubConnectionState.Reconnecting) {
      throw new Error('The connection was lost and is reconnecting. Please try again in a moment.');
    }
    this.starting ??= connection
      .start()
      .then(() => this.onStatus('connected'))
      .finally(() => {
        this.starting = null;
      });
    await this.starting;
    return connection;
  }

  /** Replaces the connection with a new one (which authenticates with the current session). */
  async reconnect(): Promise<HubConnection> {
    await this.disconnect();
    return this.connect();
  }

  async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.starting = null;
    if (connection) await connection.stop().catch(() => undefined);
  }
}
