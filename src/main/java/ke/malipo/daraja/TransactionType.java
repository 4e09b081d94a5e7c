package ke.malipo.daraja;

/** How the business is paid: into a paybill, or into a till (Buy Goods). */
public enum TransactionType {

	PAYBILL("CustomerPayBillOnline"), TILL("CustomerBuyGoodsOnline");

	private final String darajaName;

	TransactionType(String darajaName) {
		this.darajaName = darajaName;
	}

	/** The value of the {@code TransactionType} field Daraja expects. */
	public String darajaName() {
		return this.darajaName;
	}

}
