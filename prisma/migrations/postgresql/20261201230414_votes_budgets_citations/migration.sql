-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "budgetUsd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "budgetUsd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "citations" TEXT,
ADD COLUMN     "copiedAt" TIMESTAMP(3),
ADD COLUMN     "fuseRequest" TEXT,
ADD COLUMN     "sourceMessageId" TEXT,
ADD COLUMN     "sourcePaneId" TEXT;

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoteEntry" (
    "id" TEXT NOT NULL,
    "voteId" TEXT NOT NULL,
    "paneId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "VoteEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoteEntry" ADD CONSTRAINT "VoteEntry_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoteEntry" ADD CONSTRAINT "VoteEntry_paneId_fkey" FOREIGN KEY ("paneId") REFERENCES "Pane"("id") ON DELETE CASCADE ON UPDATE CASCADE;
