-- CreateIndex
CREATE INDEX "Connector_status_idx" ON "Connector"("status");

-- CreateIndex
CREATE INDEX "Transaction_idTag_stoppedAt_idx" ON "Transaction"("idTag", "stoppedAt");

