import { Tag } from '../../components/StatusPill.js';
import { formatNumber } from '../../lib/format.js';
import { href } from '../../router.js';
import type { SoftwareModel } from './store.js';

/** The profile's software models: what each is, its seats, its rule and what is mapped onto it. */
export function ModelsTable({ profileId, models }: { profileId: string; models: SoftwareModel[] }) {
  const rulesHref = href({ name: 'profile', id: profileId, tab: 'rules' });
  return (
    <div className="table-scroll">
      <table className="data-table catalog-table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">License type</th>
            <th scope="col">Billing</th>
            <th scope="col" className="num">
              Seats
            </th>
            <th scope="col">Reclamation rule</th>
            <th scope="col">Mapped identifiers</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <td>
                <div className="catalog-table__product">
                  <span>{model.product}</span>
                  <span className="catalog-table__sub">{model.publisher}</span>
                </div>
              </td>
              <td className="catalog-table__type">{model.licenseType}</td>
              <td>{model.paid ? <Tag tone="info">Paid</Tag> : <Tag>Free</Tag>}</td>
              <td className="num">{formatNumber(model.seats)}</td>
              <td>
                {model.ruleName ? (
                  <a href={rulesHref} title={`Open ${model.ruleName} on the Rules tab`}>
                    {model.ruleName}
                  </a>
                ) : (
                  <span className="muted">{model.paid ? 'No rule' : 'None: free seats are never reclaimed'}</span>
                )}
              </td>
              <td>
                {model.mappedIdentifiers.length > 0 ? (
                  <ul className="tag-list" aria-label={`Identifiers mapped onto ${model.licenseType}`}>
                    {model.mappedIdentifiers.map((identifier) => (
                      <li key={identifier}>
                        <Tag tone="success">{identifier}</Tag>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <>
                    <span className="muted" aria-hidden="true">
                      —
                    </span>
                    <span className="visually-hidden">None</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
