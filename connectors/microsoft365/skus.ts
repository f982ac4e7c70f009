/**
 * SKUs by their skuPartNumber, the license type Seatwise reports: readable product names for
 * the common ones (Microsoft's "Product names and service plan identifiers for licensing"),
 * and the SKUs that cost nothing. A part number not listed here is shown as it is.
 */

export const SKU_NAMES: Readonly<Record<string, string>> = {
  SPE_E5: 'Microsoft 365 E5',
  SPE_E3: 'Microsoft 365 E3',
  SPE_F1: 'Microsoft 365 F3',
  SPB: 'Microsoft 365 Business Premium',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  O365_BUSINESS: 'Microsoft 365 Apps for business',
  OFFICESUBSCRIPTION: 'Microsoft 365 Apps for enterprise',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  ENTERPRISEPACK: 'Office 365 E3',
  STANDARDPACK: 'Office 365 E1',
  DESKLESSPACK: 'Office 365 F3',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  EMS: 'Enterprise Mobility + Security E3',
  EMSPREMIUM: 'Enterprise Mobility + Security E5',
  AAD_PREMIUM: 'Microsoft Entra ID P1',
  AAD_PREMIUM_P2: 'Microsoft Entra ID P2',
  Microsoft_365_Copilot: 'Microsoft 365 Copilot',
  VISIOCLIENT: 'Visio Plan 2',
  PROJECTPROFESSIONAL: 'Project Plan 3',
  POWER_BI_PRO: 'Power BI Pro',
  MCOEV: 'Microsoft Teams Phone Standard',
  MCOMEETADV: 'Microsoft 365 Audio Conferencing',
  POWER_BI_STANDARD: 'Microsoft Fabric (Free)',
  FLOW_FREE: 'Microsoft Power Automate Free',
  POWERAPPS_VIRAL: 'Microsoft Power Apps Plan 2 Trial',
  POWERAPPS_DEV: 'Microsoft Power Apps for Developer',
  TEAMS_EXPLORATORY: 'Microsoft Teams Exploratory',
  WINDOWS_STORE: 'Windows Store for Business',
  MICROSOFT_BUSINESS_CENTER: 'Microsoft Business Center',
  STREAM: 'Microsoft Stream Trial',
};

/**
 * Self-service, trial and developer SKUs: the tenant gets them with thousands of units at no
 * charge (FLOW_FREE and POWER_BI_STANDARD come with 10,000 or more), so a seat of one frees
 * no money and is never a reclamation candidate.
 */
export const FREE_SKUS: ReadonlySet<string> = new Set([
  'POWER_BI_STANDARD',
  'FLOW_FREE',
  'POWERAPPS_VIRAL',
  'POWERAPPS_DEV',
  'TEAMS_EXPLORATORY',
  'WINDOWS_STORE',
  'MICROSOFT_BUSINESS_CENTER',
  'STREAM',
]);

export function productName(skuPartNumber: string): string {
  return SKU_NAMES[skuPartNumber] ?? skuPartNumber;
}

/** "Microsoft 365 E5 (SPE_E5)" for messages, or the part number alone when it has no name. */
export function skuLabel(skuPartNumber: string): string {
  const name = SKU_NAMES[skuPartNumber];
  return name ? `${name} (${skuPartNumber})` : skuPartNumber;
}

export function isFreeSku(skuPartNumber: string): boolean {
  return FREE_SKUS.has(skuPartNumber);
}
