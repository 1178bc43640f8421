-- Metering (issue 12): Gnocchi's resources and metrics, the incoming backlog and aggregated chunks.
CREATE TABLE "metric_resource" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "original_resource_id" TEXT NOT NULL,
    "project_id" TEXT,
    "user_id" TEXT,
    "host" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),
    "revision_start" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "metric_resource_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "metric_resource_type_project_id_idx" ON "metric_resource"("type", "project_id");
CREATE INDEX "metric_resource_project_id_idx" ON "metric_resource"("project_id");

CREATE TABLE "metric" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "resource_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "metric_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "metric_seq_key" ON "metric"("seq");
CREATE UNIQUE INDEX "metric_resource_id_name_key" ON "metric"("resource_id", "name");
ALTER TABLE "metric" ADD CONSTRAINT "metric_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "metric_resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "measure_backlog" (
    "id" BIGSERIAL NOT NULL,
    "metric_seq" INTEGER NOT NULL,
    "at" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "measure_backlog_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "measure_backlog_metric_seq_idx" ON "measure_backlog"("metric_seq");

CREATE TABLE "measure_chunk" (
    "metric_seq" INTEGER NOT NULL,
    "granularity" INTEGER NOT NULL,
    "start" BIGINT NOT NULL,
    "cnt" DOUBLE PRECISION[],
    "sum" DOUBLE PRECISION[],
    "mn" DOUBLE PRECISION[],
    "mx" DOUBLE PRECISION[],
    CONSTRAINT "measure_chunk_pkey" PRIMARY KEY ("metric_seq", "granularity", "start")
);
CREATE INDEX "measure_chunk_granularity_start_idx" ON "measure_chunk"("granularity", "start");
