-- CreateTable
CREATE TABLE "Admin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tenantId" TEXT,
    "communityIds" JSONB NOT NULL DEFAULT '[]',
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Admin_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "origins" JSONB NOT NULL DEFAULT '[]',
    "allowSignUp" BOOLEAN NOT NULL DEFAULT true,
    "tokenTtlSeconds" INTEGER NOT NULL DEFAULT 3600,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OtpCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "applicationId" TEXT,
    "userId" TEXT,
    "purpose" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "OtpCode_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransactionConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "passkeyId" TEXT,
    "txType" TEXT NOT NULL,
    "txPayload" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "lNonce" TEXT NOT NULL,
    "txHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "assertion" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "TransactionConfirmation_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TransactionConfirmation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AdminSetupToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'system',
    "tenantId" TEXT,
    "communityIds" JSONB NOT NULL DEFAULT '[]',
    "label" TEXT,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "adminId" TEXT
);
INSERT INTO "new_AdminSetupToken" ("createdAt", "expiresAt", "id", "role", "tokenHash", "usedAt") SELECT "createdAt", "expiresAt", "id", "role", "tokenHash", "usedAt" FROM "AdminSetupToken";
DROP TABLE "AdminSetupToken";
ALTER TABLE "new_AdminSetupToken" RENAME TO "AdminSetupToken";
CREATE UNIQUE INDEX "AdminSetupToken_tokenHash_key" ON "AdminSetupToken"("tokenHash");
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "applicationId" TEXT,
    "secretHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "allowedOrigins" JSONB NOT NULL DEFAULT '[]',
    "label" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("allowedOrigins", "communityId", "createdAt", "id", "keyPrefix", "label", "lastUsedAt", "revokedAt", "secretHash") SELECT "allowedOrigins", "communityId", "createdAt", "id", "keyPrefix", "label", "lastUsedAt", "revokedAt", "secretHash" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");
CREATE INDEX "ApiKey_communityId_idx" ON "ApiKey"("communityId");
CREATE INDEX "ApiKey_applicationId_idx" ON "ApiKey"("applicationId");
CREATE TABLE "new_Community" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "purpose" TEXT NOT NULL DEFAULT 'users',
    "rpId" TEXT NOT NULL,
    "rpName" TEXT NOT NULL,
    "origins" JSONB NOT NULL DEFAULT '[]',
    "relatedOrigins" JSONB NOT NULL DEFAULT '[]',
    "userVerification" TEXT NOT NULL DEFAULT 'preferred',
    "attestation" TEXT NOT NULL DEFAULT 'none',
    "algorithms" JSONB NOT NULL DEFAULT '[-7, -8, -257]',
    "timeoutMs" INTEGER NOT NULL DEFAULT 300000,
    "allowCrossOrigin" BOOLEAN NOT NULL DEFAULT false,
    "allowedTopOrigins" JSONB NOT NULL DEFAULT '[]',
    "aaguidPolicy" JSONB NOT NULL DEFAULT '{}',
    "branding" JSONB NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Community_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Community" ("aaguidPolicy", "algorithms", "allowCrossOrigin", "allowedTopOrigins", "attestation", "branding", "createdAt", "id", "isDefault", "name", "origins", "relatedOrigins", "rpId", "rpName", "tenantId", "timeoutMs", "updatedAt", "userVerification") SELECT "aaguidPolicy", "algorithms", "allowCrossOrigin", "allowedTopOrigins", "attestation", "branding", "createdAt", "id", "isDefault", "name", "origins", "relatedOrigins", "rpId", "rpName", "tenantId", "timeoutMs", "updatedAt", "userVerification" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE INDEX "Community_tenantId_idx" ON "Community"("tenantId");
CREATE INDEX "Community_rpId_idx" ON "Community"("rpId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "userHandle" TEXT NOT NULL,
    "dguid" TEXT,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT,
    "phoneVerified" BOOLEAN NOT NULL DEFAULT false,
    "messagingConsent" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "groups" JSONB NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("communityId", "createdAt", "dguid", "displayName", "email", "emailVerified", "groups", "id", "phone", "phoneVerified", "status", "updatedAt", "userHandle", "username") SELECT "communityId", "createdAt", "dguid", "displayName", "email", "emailVerified", "groups", "id", "phone", "phoneVerified", "status", "updatedAt", "userHandle", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE INDEX "User_communityId_dguid_idx" ON "User"("communityId", "dguid");
CREATE UNIQUE INDEX "User_communityId_username_key" ON "User"("communityId", "username");
CREATE UNIQUE INDEX "User_communityId_userHandle_key" ON "User"("communityId", "userHandle");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Admin_userId_key" ON "Admin"("userId");

-- CreateIndex
CREATE INDEX "Application_communityId_idx" ON "Application"("communityId");

-- CreateIndex
CREATE INDEX "OtpCode_communityId_userId_purpose_idx" ON "OtpCode"("communityId", "userId", "purpose");

-- CreateIndex
CREATE INDEX "OtpCode_expiresAt_idx" ON "OtpCode"("expiresAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_communityId_createdAt_idx" ON "OutboxMessage"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "TransactionConfirmation_communityId_createdAt_idx" ON "TransactionConfirmation"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "TransactionConfirmation_userId_idx" ON "TransactionConfirmation"("userId");
