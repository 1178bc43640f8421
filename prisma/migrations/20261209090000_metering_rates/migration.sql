-- Gnocchi's rate:* aggregations: changes between consecutive samples, folded per slot.
ALTER TABLE "measure_chunk" ADD COLUMN "dcnt" DOUBLE PRECISION[];
ALTER TABLE "measure_chunk" ADD COLUMN "dsum" DOUBLE PRECISION[];
ALTER TABLE "measure_chunk" ADD COLUMN "dmn" DOUBLE PRECISION[];
ALTER TABLE "measure_chunk" ADD COLUMN "dmx" DOUBLE PRECISION[];
ALTER TABLE "metric" ADD COLUMN "last_at" BIGINT;
ALTER TABLE "metric" ADD COLUMN "last_value" DOUBLE PRECISION;
