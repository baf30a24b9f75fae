import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SourcesController } from '../sources/sources.controller';
import { MetricsService } from './metrics.service';
import { OperationsController } from './operations.controller';

@Module({
  imports: [AuthModule],
  providers: [MetricsService],
  controllers: [OperationsController, SourcesController],
  exports: [MetricsService],
})
export class OperationsModule {}
