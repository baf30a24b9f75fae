import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: 'the admin password (CHORUS_ADMIN_PASSWORD, or the one printed on first start)' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
