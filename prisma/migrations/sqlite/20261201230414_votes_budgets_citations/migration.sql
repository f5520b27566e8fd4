-- AlterTable
ALTER TABLE "Session" ADD COLUMN "budgetUsd" REAL;

-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN "budgetUsd" REAL;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "citations" TEXT;
ALTER TABLE "Message" ADD COLUMN "copiedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "fuseRequest" TEXT;
ALTER TABLE "Message" ADD COLUMN "sourceMessageId" TEXT;
ALTER TABLE "Message" ADD COLUMN "sourcePaneId" TEXT;

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Vote_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VoteEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "voteId" TEXT NOT NULL,
    "paneId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    CONSTRAINT "VoteEntry_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VoteEntry_paneId_fkey" FOREIGN KEY ("paneId") REFERENCES "Pane" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Vote_broadcastId_key" ON "Vote"("broadcastId");

-- CreateIndex
CREATE INDEX "Vote_sessionId_idx" ON "Vote"("sessionId");

-- CreateIndex
CREATE INDEX "VoteEntry_paneId_idx" ON "VoteEntry"("paneId");

-- CreateIndex
CREATE UNIQUE INDEX "VoteEntry_voteId_paneId_key" ON "VoteEntry"("voteId", "paneId");

-- CreateIndex
CREATE INDEX "AnswerMetrics_createdAt_idx" ON "AnswerMetrics"("createdAt");
