import type { SettingsRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';

export function settingsRepository(prisma: PrismaClient): SettingsRepository {
  return {
    async get(key) {
      return (await prisma.setting.findUnique({ where: { key } }))?.value ?? null;
    },

    async set(key, value) {
      if (value === null) await prisma.setting.deleteMany({ where: { key } });
      else
        await prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
  };
}
