-- The Glance image a volume is being uploaded into (os-volume_upload_image): the volume agent's desired uploads.
ALTER TABLE "volume" ADD COLUMN "upload_image_id" TEXT;
