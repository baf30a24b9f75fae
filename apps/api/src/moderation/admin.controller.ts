import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminGuard } from '../auth/admin.guard';
import { badRequest, notFound } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { BlocklistEntryDto, BulkStatusChangeDto, RulesDto, StatusChangeDto } from './dto/moderation.dto';
import { ModerationPolicy } from './moderation-policy.service';
import { ModerationService, type ListFilters } from './moderation.service';
import { TransferService } from './transfer.service';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin')
export class AdminController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly policy: ModerationPolicy,
    private readonly transfer: TransferService,
    private readonly clock: Clock,
  ) {}

  @Get('interactions')
  @ApiOperation({ summary: 'The moderation queue, newest received first, with filters and cursor paging' })
  @ApiQuery({ name: 'status', required: false, description: 'pending | approved | rejected | spam | deleted (comma-separated for several)' })
  @ApiQuery({ name: 'source', required: false })
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'post', required: false, description: 'a post URL, matched leniently' })
  @ApiQuery({ name: 'q', required: false, description: 'full-text search in content, author and URL' })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  list(@Query() filters: ListFilters) {
    return this.moderation.list(filters);
  }

  @Get('interactions/:id')
  @ApiOperation({ summary: 'One interaction, admin view' })
  get(@Param('id', ParseIntPipe) id: number) {
    return this.moderation.get(id);
  }

  @Patch('interactions/:id')
  @ApiOperation({ summary: 'Approve, reject, mark spam or send back to pending' })
  setStatus(@Param('id', ParseIntPipe) id: number, @Body() body: StatusChangeDto) {
    return this.moderation.setStatus(id, body.status);
  }

  @Post('interactions/bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'The same status change for many interactions' })
  bulk(@Body() body: BulkStatusChangeDto) {
    return this.moderation.setStatusMany(body.ids, body.status);
  }

  @Delete('interactions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an interaction for good' })
  async remove(@Param('id', ParseIntPipe) id: number) {
    await this.moderation.remove(id);
  }

  @Get('blocklist')
  @ApiOperation({ summary: 'Blocked domains and author URLs' })
  blocklist() {
    return { items: this.policy.listBlocklist() };
  }

  @Post('blocklist')
  @ApiOperation({ summary: 'Block a domain (and its subdomains) or an author/source URL: drop, or keep as spam' })
  block(@Body() body: BlocklistEntryDto) {
    return this.policy.block(body, this.clock.now());
  }

  @Delete('blocklist/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock' })
  async unblock(@Param('id', ParseIntPipe) id: number) {
    if (!(await this.policy.unblock(id))) throw notFound('blocklist_entry_not_found', `There is no blocklist entry ${id}.`);
  }

  @Get('rules')
  @ApiOperation({ summary: 'Auto-approve rules' })
  rules() {
    return { rules: this.policy.listRules() };
  }

  @Put('rules')
  @ApiOperation({ summary: 'Replace the auto-approve rules (trusted authors/domains; per source and kind)' })
  async replaceRules(@Body() body: RulesDto) {
    return { rules: await this.policy.replaceRules(body.rules, this.clock.now()) };
  }

  @Post('import')
  @ApiOperation({ summary: 'Import interactions in the export format ({items: [...]}); parentId refers to ids within the import' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', items: { type: 'object' }, description: 'interactions as GET /api/admin/export gives them; id and parentId are references within the import' } },
    },
  })
  importItems(@Body() body: unknown) {
    return this.transfer.import(body);
  }

  @Get('export')
  @ApiOperation({ summary: 'Every interaction, as JSON ({items}) or a JF2 feed' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'jf2'] })
  async export(@Query('format') format: string | undefined, @Res() reply: FastifyReply) {
    if (format !== undefined && format !== 'json' && format !== 'jf2') throw badRequest('invalid_parameter', 'format must be json or jf2.');
    const jf2 = format === 'jf2';
    const chunks: string[] = [jf2 ? '{"type":"feed","name":"Chorus export","children":[' : '{"items":['];
    let first = true;
    for await (const item of this.transfer.exportItems()) {
      chunks.push((first ? '' : ',') + JSON.stringify(jf2 ? this.transfer.toJf2(item) : item));
      first = false;
    }
    chunks.push(']}');
    const name = `chorus-export-${new Date(this.clock.now()).toISOString().slice(0, 10)}.${jf2 ? 'jf2.json' : 'json'}`;
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(chunks.join(''));
  }
}
