-- CreateTable
CREATE TABLE "salebot_api_calls" (
    "project_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "action" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "salebot_api_calls_pkey" PRIMARY KEY ("project_id","day","action")
);
