-- DropIndex
DROP INDEX "Message_status_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "endReason" TEXT;
ALTER TABLE "Message" ADD COLUMN "ownerId" TEXT;

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL,
    "pid" INTEGER,
    "hostname" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnswerMetrics" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" REAL,
    "ttftMs" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "tokensPerSecond" REAL,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnswerMetrics_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AnswerMetrics" ("cachedTokens", "cost", "createdAt", "id", "inputTokens", "latencyMs", "messageId", "modelId", "outputTokens", "providerId", "retries", "tokensPerSecond", "ttftMs") SELECT "cachedTokens", "cost", "createdAt", "id", "inputTokens", "latencyMs", "messageId", "modelId", "outputTokens", "providerId", "retries", "tokensPerSecond", "ttftMs" FROM "AnswerMetrics";
DROP TABLE "AnswerMetrics";
ALTER TABLE "new_AnswerMetrics" RENAME TO "AnswerMetrics";
CREATE UNIQUE INDEX "AnswerMetrics_messageId_key" ON "AnswerMetrics"("messageId");
CREATE INDEX "AnswerMetrics_providerId_modelId_idx" ON "AnswerMetrics"("providerId", "modelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Instance_heartbeatAt_idx" ON "Instance"("heartbeatAt");

-- CreateIndex
CREATE INDEX "Message_status_ownerId_idx" ON "Message"("status", "ownerId");
