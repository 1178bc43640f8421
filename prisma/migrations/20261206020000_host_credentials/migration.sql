-- CreateTable
CREATE TABLE "agent_join_token" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "used_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_join_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host_credential" (
    "host" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "host_credential_pkey" PRIMARY KEY ("host")
);

-- CreateIndex
CREATE UNIQUE INDEX "agent_join_token_token_hash_key" ON "agent_join_token"("token_hash");

-- CreateIndex
CREATE INDEX "agent_join_token_expires_at_idx" ON "agent_join_token"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "host_credential_secret_hash_key" ON "host_credential"("secret_hash");
