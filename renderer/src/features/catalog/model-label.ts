/** How a software model is named on screen: "Calendly seat (user)", "Asana Business". */
export function modelLabel(model: { product: string; licenseType: string }): string {
  // The license type often starts with the product already; saying it twice reads badly.
  return model.licenseType.toLowerCase().startsWith(model.product.toLowerCase()) ? model.licenseType : `${model.product} ${model.licenseType}`;
}
