-- CreateTable
CREATE TABLE "console_auth_token" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "console_type" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "console_auth_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "console_auth_token_token_hash_key" ON "console_auth_token"("token_hash");

-- CreateIndex
CREATE INDEX "console_auth_token_instance_id_idx" ON "console_auth_token"("instance_id");

-- CreateIndex
CREATE INDEX "console_auth_token_expires_at_idx" ON "console_auth_token"("expires_at");
