-- CreateTable
CREATE TABLE "subnet_pool" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "ip_version" INTEGER NOT NULL,
    "prefixes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "default_prefixlen" INTEGER NOT NULL,
    "min_prefixlen" INTEGER NOT NULL,
    "max_prefixlen" INTEGER NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "default_quota" INTEGER,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subnet_pool_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "subnet" ADD COLUMN "subnetpool_id" TEXT;

-- CreateIndex
CREATE INDEX "subnet_pool_project_id_idx" ON "subnet_pool"("project_id");

-- CreateIndex
CREATE INDEX "subnet_subnetpool_id_idx" ON "subnet"("subnetpool_id");

-- AddForeignKey
ALTER TABLE "subnet" ADD CONSTRAINT "subnet_subnetpool_id_fkey" FOREIGN KEY ("subnetpool_id") REFERENCES "subnet_pool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
