-- AlterTable
ALTER TABLE "instance" ADD COLUMN "requested_networks" JSONB,
ADD COLUMN "spawned_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "instance_interface" (
    "port_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "preserve_on_delete" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_interface_pkey" PRIMARY KEY ("port_id")
);

-- CreateIndex
CREATE INDEX "instance_interface_instance_id_idx" ON "instance_interface"("instance_id");

-- AddForeignKey
ALTER TABLE "instance_interface" ADD CONSTRAINT "instance_interface_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance_interface" ADD CONSTRAINT "instance_interface_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
