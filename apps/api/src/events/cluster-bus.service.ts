import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { postgresConnection } from '../database/database.options';

export interface BusTopics {
  'policy-changed': Record<string, never>;
  /** A write touched these post keys: drop cached public responses for them. */
  'posts-changed': { keys: string[] };
  /** An interaction was created, updated or deleted (by id). */
  'interaction-changed': { id: number; type: 'created' | 'updated' | 'deleted' };
}

type Handler<T extends keyof BusTopics> = (data: BusTopics[T]) => void;

/**
 * In-process events that also reach the other replicas: on PostgreSQL through LISTEN/NOTIFY,
 * on SQLite (one process by design) locally only.
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterBus.name);
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly nodeId = randomUUID();
  private listener: Client | null = null;
  private readonly channel: string | null;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.channel = config.database.type === 'postgres' ? `chorus_bus_${postgresConnection(config.database.url).schema}` : null;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.database.type !== 'postgres' || !this.channel) return;
    const listener = new Client({ connectionString: postgresConnection(this.config.database.url).url });
    listener.on('error', (error) => this.logger.error(`cluster bus connection failed: ${error.message}`));
    listener.on('notification', (message) => this.receive(message.payload));
    await listener.connect();
    await listener.query(`LISTEN ${this.channel}`);
    this.listener = listener;
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }

  on<T extends keyof BusTopics>(topic: T, handler: Handler<T>): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async publish<T extends keyof BusTopics>(topic: T, data: BusTopics[T]): Promise<void> {
    this.emitter.emit(topic, data);
    if (this.channel) {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify({ node: this.nodeId, topic, data })]);
    }
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    const message = JSON.parse(payload) as { node: string; topic: keyof BusTopics; data: unknown };
    if (message.node !== this.nodeId) this.emitter.emit(message.topic, message.data);
  }
}
