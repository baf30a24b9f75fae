import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobEntity } from './job.entity';
import { JobQueue } from './job-queue.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobEntity])],
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
