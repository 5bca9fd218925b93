-- CreateTable
CREATE TABLE "upstream_answer_samples" (
    "call" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "last_seen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upstream_answer_samples_pkey" PRIMARY KEY ("call")
);
