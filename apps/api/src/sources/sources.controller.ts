import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { SourceStatusRegistry } from './source-status.registry';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/sources')
export class SourcesController {
  constructor(private readonly registry: SourceStatusRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The state of each source, with the exact fix for each problem' })
  async list() {
    return { sources: await this.registry.all() };
  }
}
