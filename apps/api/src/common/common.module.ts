import { Global, Module } from '@nestjs/common';
import { ClusterBus } from '../events/cluster-bus.service';
import { SourceStatusRegistry } from '../sources/source-status.registry';
import { Clock } from './clock';
import { PublicUrl } from './public-url';

/** Process-wide services every module may use. */
@Global()
@Module({
  providers: [Clock, PublicUrl, ClusterBus, SourceStatusRegistry],
  exports: [Clock, PublicUrl, ClusterBus, SourceStatusRegistry],
})
export class CommonModule {}
