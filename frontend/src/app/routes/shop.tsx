// The signed-in customer's pages and everyone's account page, loaded when first visited (their own script chunk).
import { useParams } from 'react-router';
import { AccountPage } from '@/features/account/components/account-page';
import { BasketPage } from '@/features/orders/components/basket-page';
import { OrderDetail } from '@/features/orders/components/order-detail';
import { OrderList } from '@/features/orders/components/order-list';
import { useDocumentTitle } from '@/lib/use-document-title';

export function BasketRoute() {
  useDocumentTitle('Basket');
  return <BasketPage />;
}

export function MyOrdersRoute() {
  useDocumentTitle('My orders');
  return <OrderList />;
}

export function OrderRoute() {
  const { number = '' } = useParams();
  useDocumentTitle(`Order ${number}`);
  return <OrderDetail key={number} number={number} />;
}

export function AccountRoute() {
  useDocumentTitle('Your account');
  return <AccountPage />;
}
