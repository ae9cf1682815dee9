/**
 * A TCP relay for partition tests: listens on 127.0.0.1 and pipes each connection to a target
 * port. `cut()` drops every relayed connection and refuses new ones (accepted sockets are reset
 * at once) until `heal()`, which is how a link between two node processes is broken and restored.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class TcpRelay {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private isCut = false;
  port = 0;

  constructor(public targetPort = 0) {
    this.server = createServer((client) => this.accept(client));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.sockets.size / 2;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('relay has no port');
    this.port = address.port;
    return this;
  }

  cut(): void {
    this.isCut = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  heal(): void {
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isCut || this.targetPort === 0) {
      client.resetAndDestroy();
      return;
    }
    client.pause();
    const target = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(target);
    const drop = () => {
      client.destroy();
      target.destroy();
      this.sockets.delete(client);
      this.sockets.delete(target);
    };
    client.on('error', drop).on('close', drop);
    target.on('error', drop).on('close', drop);
    target.once('connect', () => {
      client.pipe(target);
      target.pipe(client);
      client.resume();
    });
  }
}
