-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pane" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'chat',
    "params" TEXT NOT NULL DEFAULT '{}',
    "systemPrompt" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pane_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'broadcast',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "paneId" TEXT NOT NULL,
    "broadcastId" TEXT,
    "seq" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'complete',
    "finishReason" TEXT,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "errorSuggestion" TEXT,
    "errorStatus" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerMetrics" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DOUBLE PRECISION,
    "ttftMs" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "tokensPerSecond" DOUBLE PRECISION,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerMetrics_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_updatedAt_id_idx" ON "Session"("updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Session_title_idx" ON "Session"("title");

-- CreateIndex
CREATE INDEX "Pane_sessionId_idx" ON "Pane"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Pane_sessionId_position_key" ON "Pane"("sessionId", "position");

-- CreateIndex
CREATE INDEX "Broadcast_sessionId_createdAt_idx" ON "Broadcast"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_status_idx" ON "Message"("status");

-- CreateIndex
CREATE INDEX "Message_broadcastId_idx" ON "Message"("broadcastId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_paneId_seq_key" ON "Message"("paneId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerMetrics_messageId_key" ON "AnswerMetrics"("messageId");

-- CreateIndex
CREATE INDEX "AnswerMetrics_providerId_modelId_idx" ON "AnswerMetrics"("providerId", "modelId");

-- AddForeignKey
ALTER TABLE "Pane" ADD CONSTRAINT "Pane_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_paneId_fkey" FOREIGN KEY ("paneId") REFERENCES "Pane"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerMetrics" ADD CONSTRAINT "AnswerMetrics_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
